"""The PySide6 user interface: the shell, the screens, their dialogs and table models."""
