"""The intake layer: how every file miljomal reads is opened, decoded and split into rows.

- :mod:`intake.files.entry`: the first look at a path, from ``os.stat`` alone, before a
  byte is read: only a regular file of at most the size limit goes further (a FIFO, a
  device such as ``/dev/zero``, a socket or a directory never does); and ``ReadError``,
  the one exception of the layer.
- :mod:`intake.files.text`: decoding (UTF-8 with and without BOM, UTF-16,
  Windows-1252), delimiter sniffing and the CSV records of a text file, with the line each
  starts on; a quote that is never closed is refused with its line.
- :mod:`intake.files.cells`: control characters and direction overrides removed from
  text cells, each removal recorded with its place.
- :mod:`intake.files.zipped`: small zip members inflated at once, exactly as `zipfile`
  would, and what the safety check hands on to the reader of a zip file that passed it.
- :mod:`intake.files.xmltree`: an XML member parsed into a tree, never expanding an
  entity (the C parser when there can be no DTD, defusedxml otherwise).

Indicator values (``intake.sheets``), the catalogue, targets, the action plan and
the annotated copy read text files through :mod:`intake.files.text`.
"""
