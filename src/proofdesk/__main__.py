"""python -m proofdesk"""
import sys

from proofdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
