"""`packager preview`: the course served as its package would run, inside an LMS-like page whose side
panel shows what the content reports, rebuilt and reloaded as the sources change; and `--check`, the
same run made by a robot in headless Chromium, for CI.

Uses build stages (source, compile, formats, spec); nothing uses it.
  live.py     the packages' files, in memory, re-rendered by part
  watch.py    polling the source folder
  launch.py   what an LMS reads from a manifest to launch
  app.py      the preview's LMS: records, registrations, launches, events
  lrs.py      the LRS (in memory, statements validated by xapi.py), or a real one behind it
  server.py   the web server (pages, package files, SSE, API, LRS)
  check.py    --check
"""
