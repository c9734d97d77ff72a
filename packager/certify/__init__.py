"""`packager certify` and `verify`: fetch statements from the LRS (lrs), decide who earned a certificate
(eligibility), issue it once (registry, credential), render its PDF (certificate), and check one (verify);
run.py orchestrates a run."""
