"""The `medbot` command: one sub-command per job, each handing over to the module that does it."""
