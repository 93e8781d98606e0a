"""Files in, checked values out: every file miljomal reads, and the import of indicator values.

``files/`` opens and decodes any file safely; ``safety`` and ``sheets`` check and read
workbooks; ``layouts`` finds the values in a sheet; ``validation/`` checks them against the
catalogue and the store; ``importer`` runs the pipeline for a file or a batch
(``file_import`` one file's steps, ``import_outcome`` what they did, ``paths`` the files
PATH arguments mean) and ``entry`` for the portal's form; ``annotate`` writes a file's
problems back into a copy; ``template`` writes the workbook a municipality fills in;
``catalogue_file`` and ``targets_file`` read the catalogue and target files.
"""
