"""mot: build Mixture-of-Thoughts-style reasoning SFT datasets from raw R1 traces."""

__version__ = "0.1.0"
