"""Pure table steps shared by every format: a layout stream in, tables out."""
