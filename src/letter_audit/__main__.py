"""``python -m letter_audit``: the same command line as ``letter-audit``, when the script is not on PATH."""

from letter_audit.cli import main

if __name__ == "__main__":
    main(prog_name="letter-audit")
