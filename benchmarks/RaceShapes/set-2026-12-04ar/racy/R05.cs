using System.Globalization;
using System.Text;

namespace Blind44.MarathonTiming.Results;

public sealed record SplitTime(string Bib, string Checkpoint, TimeSpan Elapsed, double DistanceKm);

/// <summary>
/// Formats chip-timing splits for the live results board and the SMS service.
/// Registered as a singleton in DI; every results request and SMS worker shares the instance.
/// </summary>
public sealed class SplitFormatter
{
    private readonly StringBuilder _line = new(128);
    private readonly CultureInfo _culture;

    public SplitFormatter(CultureInfo culture) => _culture = culture;

    public string FormatSplit(SplitTime split)
    {
        _line.Clear();
        _line.Append('#').Append(split.Bib).Append("  ");
        _line.Append(split.Checkpoint.PadRight(12));
        AppendClock(split.Elapsed);
        _line.Append("  ");
        AppendPace(split.Elapsed, split.DistanceKm);
        return _line.ToString();
    }

    private void AppendClock(TimeSpan elapsed)
    {
        _line.Append(((int)elapsed.TotalHours).ToString("D1", _culture)).Append(':')
             .Append(elapsed.Minutes.ToString("D2", _culture)).Append(':')
             .Append(elapsed.Seconds.ToString("D2", _culture));
    }

    private void AppendPace(TimeSpan elapsed, double km)
    {
        if (km <= 0)
        {
            _line.Append("--:--/km");
            return;
        }
        var pace = TimeSpan.FromSeconds(elapsed.TotalSeconds / km);
        _line.Append(pace.Minutes.ToString("D1", _culture)).Append(':')
             .Append(pace.Seconds.ToString("D2", _culture)).Append("/km");
    }
}

/// <summary>Sends a text to each runner's supporters when their chip crosses a mat.</summary>
public sealed class SupporterNotifier
{
    private readonly SplitFormatter _formatter;
    private readonly Func<string, string, Task> _sendSms;

    public SupporterNotifier(SplitFormatter formatter, Func<string, string, Task> sendSms)
    {
        _formatter = formatter;
        _sendSms = sendSms;
    }

    public Task NotifyAsync(IEnumerable<(SplitTime Split, string Phone)> crossings, CancellationToken ct) =>
        Parallel.ForEachAsync(crossings, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (c, _) =>
            {
                var text = _formatter.FormatSplit(c.Split);
                await _sendSms(c.Phone, text);
            });
}

/// <summary>Builds the results board page.</summary>
public sealed class ResultsBoard
{
    private readonly SplitFormatter _formatter;

    public ResultsBoard(SplitFormatter formatter) => _formatter = formatter;

    public IReadOnlyList<string> Render(IEnumerable<SplitTime> latest) =>
        latest.OrderBy(s => s.Elapsed).Select(_formatter.FormatSplit).ToList();
}
