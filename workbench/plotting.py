"""Charts shared by the report sections, sized to their content and with the legend outside the bars."""

from __future__ import annotations

import pandas as pd

MAX_ROWS = 40


def horizontal_bars(table: pd.DataFrame, *, title: str, xlabel: str, legend_title: str | None = None, stacked: bool = False):
    """One group of bars per row of ``table`` (first row on top), one colour per column; returns the Figure."""
    import matplotlib.pyplot as plt

    shown = table.head(MAX_ROWS)
    bars_per_row = 1 if stacked else max(1, shown.shape[1])
    height = 1.2 + len(shown) * (0.35 + 0.12 * bars_per_row)
    fig, ax = plt.subplots(figsize=(9, max(2.2, height)))
    shown.iloc[::-1].plot.barh(ax=ax, stacked=stacked, width=0.8, legend=False)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("")
    ax.set_title(title + (f" (first {MAX_ROWS} of {len(table)})" if len(table) > MAX_ROWS else ""))
    handles, labels = ax.get_legend_handles_labels()
    # Bars are drawn bottom-up; list the legend in column order.
    ax.legend(handles[::-1] if not stacked else handles, labels[::-1] if not stacked else labels,
              title=legend_title, fontsize="small", loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    fig.tight_layout()
    return fig


def show(fig, *, alt: str | None = None) -> None:
    """Display a figure as a PNG with alternative text (by default its title) and free it.

    Reports draw many figures; the alt text reaches the HTML through the image's output
    metadata, so screen readers (and nbconvert) have a description of each chart.
    """
    import io

    import matplotlib.pyplot as plt
    from IPython.display import Image, display

    if alt is None:
        titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
        alt = "; ".join(titles) or "chart"
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=fig.dpi, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    display(Image(data=buffer.getvalue(), format="png", metadata={"alt": alt}))
