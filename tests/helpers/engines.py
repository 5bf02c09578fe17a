"""An engine scenario's steps (tests/engines/scenario.py) run in a Playwright page."""

from __future__ import annotations


def playwright_steps(page, base: str, steps: list[dict]) -> dict:
    reads: dict = {}
    for step in steps:
        if "goto" in step:
            page.goto(base + step["goto"], wait_until="load")
        elif step.get("reload"):
            page.reload(wait_until="load")
        elif "run" in step:
            page.evaluate(f"() => {{ {step['run']} }}")
        elif "wait" in step:
            page.wait_for_function(f"() => {step['wait']}", timeout=step.get("timeout", 30_000), polling=100)
        elif "read" in step:
            reads[step["as"]] = page.evaluate(f"() => ({step['read']})")
    reads["user_agent"] = page.evaluate("navigator.userAgent")
    return reads
