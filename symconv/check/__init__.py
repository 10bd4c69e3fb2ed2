"""Answer checking: read claimed answers (LaTeX included), compare exactly, diagnose mistakes."""
