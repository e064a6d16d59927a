using System.Text;

namespace Mews.Falconry.Telemetry;

public readonly record struct GpsFix(string BirdName, double Latitude, double Longitude, double AltitudeMetres, DateTimeOffset At);

/// <summary>
/// Formats GPS fixes from the birds' backpack trackers into NMEA-like lines for the
/// flight log exporter. Called from the tracker receive loops on many threads.
/// </summary>
public static class FixLineFormatter
{
    [ThreadStatic]
    private static StringBuilder? t_builder;

    private static long s_linesFormatted;

    public static long LinesFormatted => Interlocked.Read(ref s_linesFormatted);

    public static string Format(in GpsFix fix)
    {
        var sb = t_builder ??= new StringBuilder(128);
        sb.Clear();

        sb.Append("$FALC,")
          .Append(fix.BirdName).Append(',')
          .Append(fix.At.UtcDateTime.ToString("HHmmss.ff")).Append(',')
          .Append(fix.Latitude.ToString("F6")).Append(',')
          .Append(fix.Longitude.ToString("F6")).Append(',')
          .Append(fix.AltitudeMetres.ToString("F1"));

        int checksum = 0;
        for (int i = 1; i < sb.Length; i++)
        {
            checksum ^= sb[i];
        }
        sb.Append('*').Append(checksum.ToString("X2"));

        Interlocked.Increment(ref s_linesFormatted);
        return sb.ToString();
    }
}

/// <summary>Receives fixes from one tracker base station and forwards formatted lines.</summary>
public sealed class TrackerReceiveLoop
{
    private readonly Func<CancellationToken, ValueTask<GpsFix?>> _receive;
    private readonly Action<string> _emit;

    public TrackerReceiveLoop(Func<CancellationToken, ValueTask<GpsFix?>> receive, Action<string> emit)
    {
        _receive = receive;
        _emit = emit;
    }

    public Task RunAsync(CancellationToken ct) => Task.Run(async () =>
    {
        while (!ct.IsCancellationRequested)
        {
            var fix = await _receive(ct).ConfigureAwait(false);
            if (fix is { } f)
            {
                _emit(FixLineFormatter.Format(f));
            }
        }
    }, ct);
}
