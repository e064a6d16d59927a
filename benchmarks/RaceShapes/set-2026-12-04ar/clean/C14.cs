using System.Globalization;
using System.Text;
using Microsoft.Extensions.ObjectPool;

namespace Blind44.MarathonTiming.Formatting;

public sealed record ChipSplit(string Bib, string Mat, TimeSpan Elapsed, double DistanceKm);

/// <summary>
/// Formats chip-timing splits for the results board, the SMS gateway and the commentary feed.
/// Registered as a singleton; all three call it concurrently.
/// </summary>
public sealed class ChipSplitFormatter
{
    private static readonly ObjectPool<StringBuilder> s_builders =
        new DefaultObjectPoolProvider().CreateStringBuilderPool(initialCapacity: 128, maximumRetainedCapacity: 1024);

    [ThreadStatic]
    private static char[]? t_padBuffer;

    private readonly CultureInfo _culture;

    public ChipSplitFormatter(CultureInfo culture) => _culture = culture;

    public string Format(ChipSplit split)
    {
        var sb = s_builders.Get();
        try
        {
            sb.Append('#').Append(split.Bib).Append("  ");
            AppendPadded(sb, split.Mat, 12);
            AppendClock(sb, split.Elapsed);
            sb.Append("  ");
            AppendPace(sb, split.Elapsed, split.DistanceKm);
            return sb.ToString();
        }
        finally
        {
            s_builders.Return(sb);
        }
    }

    private static void AppendPadded(StringBuilder sb, string text, int width)
    {
        var pad = t_padBuffer ??= new char[64];
        var n = Math.Min(text.Length, width);
        text.CopyTo(0, pad, 0, n);
        for (int i = n; i < width; i++)
            pad[i] = ' ';
        sb.Append(pad, 0, width);
    }

    private void AppendClock(StringBuilder sb, TimeSpan elapsed) =>
        sb.Append(((int)elapsed.TotalHours).ToString(_culture)).Append(':')
          .Append(elapsed.Minutes.ToString("D2", _culture)).Append(':')
          .Append(elapsed.Seconds.ToString("D2", _culture));

    private void AppendPace(StringBuilder sb, TimeSpan elapsed, double km)
    {
        if (km <= 0)
        {
            sb.Append("--:--/km");
            return;
        }
        var pace = TimeSpan.FromSeconds(elapsed.TotalSeconds / km);
        sb.Append(pace.Minutes.ToString(_culture)).Append(':')
          .Append(pace.Seconds.ToString("D2", _culture)).Append("/km");
    }
}

/// <summary>Pushes splits to supporters' phones as runners cross each mat.</summary>
public sealed class SplitTextSender
{
    private readonly ChipSplitFormatter _formatter;
    private readonly Func<string, string, CancellationToken, Task> _sms;

    public SplitTextSender(ChipSplitFormatter formatter, Func<string, string, CancellationToken, Task> sms)
    {
        _formatter = formatter;
        _sms = sms;
    }

    public Task SendAsync(IEnumerable<(ChipSplit Split, string Phone)> crossings, CancellationToken ct) =>
        Parallel.ForEachAsync(crossings, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct },
            (c, token) => new ValueTask(_sms(c.Phone, _formatter.Format(c.Split), token)));
}
