"""Allow `python -m packager`."""

from packager.cli import main

if __name__ == "__main__":  # not when a rendering process (multiprocessing "spawn") imports it
    main()
