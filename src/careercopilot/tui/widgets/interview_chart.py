"""Average score per day, one line per category: the practice progress chart."""

from __future__ import annotations

from textual_plotext import PlotextPlot

from careercopilot.services.interview_views import Progress


class ProgressChart(PlotextPlot):
    DEFAULT_CSS = """
    ProgressChart { height: 1fr; min-height: 12; }
    """

    def show(self, progress: Progress) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title("Average score per day")
        plt.ylim(0, 5.5)
        days = sorted({d.day for d in progress.days})
        index = {day: i for i, day in enumerate(days)}
        for category in progress.categories:
            plt.plot([index[d.day] for d in category.days], [d.average for d in category.days],
                     label=category.category, marker="dot")
        if days:
            step = max(1, len(days) // 6)
            plt.xticks(list(range(0, len(days), step)), [days[i].strftime("%m-%d") for i in range(0, len(days), step)])
        self.refresh()
