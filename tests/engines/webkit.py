"""Runs tests/engines/scenario.py's steps in WebKitGTK (Safari's engine family), through Debian's
WebKitWebDriver and Selenium, on a virtual screen (Xvfb) started here and stopped after."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager

WEBDRIVER = "/usr/bin/WebKitWebDriver"
MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"
INSTALL = "apt-get install webkit2gtk-driver xvfb（或 make system-deps）"


class WebKitMissing(RuntimeError):
    pass


@contextmanager
def xvfb() -> Iterator[str]:
    """A virtual screen; yields its DISPLAY."""
    if not shutil.which("Xvfb"):
        raise WebKitMissing(f"Xvfb 未安装：{INSTALL}")
    for number in range(90, 110):
        if not os.path.exists(f"/tmp/.X11-unix/X{number}") and not os.path.exists(f"/tmp/.X{number}-lock"):
            break
    display = f":{number}"
    proc = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while not os.path.exists(f"/tmp/.X11-unix/X{number}"):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Xvfb did not start on {display}")
            time.sleep(0.05)
        yield display
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@contextmanager
def webkit() -> Iterator:
    """A WebKitGTK browser (MiniBrowser in automation mode) driven by Selenium."""
    if not (os.path.exists(WEBDRIVER) and os.path.exists(MINIBROWSER)):
        raise WebKitMissing(f"WebKitWebDriver 未安装：{INSTALL}")
    from selenium import webdriver
    from selenium.webdriver.webkitgtk.options import Options
    from selenium.webdriver.webkitgtk.service import Service

    with xvfb() as display:
        env = {**os.environ, "DISPLAY": display}
        options = Options()
        options.binary_location = MINIBROWSER
        options.add_argument("--automation")
        service = Service(executable_path=WEBDRIVER, env=env)
        driver = webdriver.WebKitGTK(options=options, service=service)
        try:
            yield driver
        finally:
            driver.quit()


def run_steps(driver, base: str, steps: list[dict]) -> dict:
    """The steps, as firefox.mjs runs them; returns the reads (raises with the failing step)."""
    reads: dict = {}
    for step in steps:
        if "goto" in step:
            driver.get(base + step["goto"])
        elif step.get("reload"):
            driver.refresh()
        elif "run" in step:
            driver.execute_script(step["run"])
        elif "wait" in step:
            deadline = time.monotonic() + step.get("timeout", 30_000) / 1000
            while not driver.execute_script(f"return Boolean({step['wait']})"):
                if time.monotonic() > deadline:
                    raise AssertionError(f"WebKitGTK: timed out at {step}; read so far: {list(reads)}")
                time.sleep(0.1)
        elif "read" in step:
            reads[step["as"]] = driver.execute_script(f"return ({step['read']})")
    reads["user_agent"] = driver.execute_script("return navigator.userAgent")
    return reads
