"""The autofixer, ``stdcheck fix``: only it imports libcst."""
