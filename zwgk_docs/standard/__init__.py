"""What GB/T 9704-2012 fixes: the written forms of the 版头 elements (forms.py) and the geometry (gbt9704.py)."""
