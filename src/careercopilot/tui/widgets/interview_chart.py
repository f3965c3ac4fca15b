"""Average score per day, one line per category: the practice progress chart."""

from __future__ import annotations

from textual_plotext import PlotextPlot

from careercopilot.services.interview_views import Progress

COLORS = ("cyan", "magenta", "green", "orange", "blue")


class ProgressChart(PlotextPlot):
    DEFAULT_CSS = """
    ProgressChart { height: 1fr; min-height: 12; }
    """

    def show(self, progress: Progress) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title("Average score per day")
        plt.ylim(0.8, 5.2)
        plt.yticks([1, 2, 3, 4, 5])
        days = sorted({d.day for d in progress.days})
        index = {day: i for i, day in enumerate(days)}
        for number, category in enumerate(progress.categories):
            x = [index[d.day] for d in category.days]
            y = [d.average for d in category.days]
            color = COLORS[number % len(COLORS)]
            # A thin trend line, and a bold mark on each practised day (a single day is a mark alone).
            plt.plot(x, y, marker="braille", color=color)
            plt.scatter(x, y, marker="●", color=color, label=category.category)
        if days:
            step = max(1, len(days) // 6)
            plt.xticks(list(range(0, len(days), step)), [days[i].strftime("%m-%d") for i in range(0, len(days), step)])
        self.refresh()
