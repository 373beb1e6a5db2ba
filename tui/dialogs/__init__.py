"""The review app's dialogs: each a ModalScreen that returns what it recorded through dismiss()."""
