"""Clerk Desk (网点信息员工作台): terminal workbench for an after-sales service outlet."""

__version__ = "0.1.0"
