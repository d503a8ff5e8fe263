"""argparse's own messages in Chinese (a wrong `--kind` or a missing argument is said in the
same language as everything else). argparse looks its texts up through the module-level `_`
at the moment it prints them, so replacing that one function is enough; a text not listed here
stays as argparse wrote it."""
from __future__ import annotations

import argparse

CHINESE = {
    "usage: ": "用法：",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项 %(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的值 %(value)r",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "the following arguments are required: %s": "缺少必填参数：%s",
    "one of the arguments %s is required": "须给出以下参数之一：%s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "expected one argument": "此参数后须跟一个值",
    "expected at least one argument": "此参数后须跟至少一个值",
    "expected at most one argument": "此参数后至多跟一个值",
    "ambiguous option: %(option)s could match %(matches)s": "参数 %(option)s 不明确，可能是：%(matches)s",
    "show this help message and exit": "显示本帮助并退出",
    "positional arguments": "位置参数",
    "options": "选项",
}


def install() -> None:
    """Route argparse's messages through CHINESE (idempotent)."""
    argparse._ = lambda text: CHINESE.get(text, text)
