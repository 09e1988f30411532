"""The autofixer (``stdcheck fix``); only this package imports libcst."""
