using System.IO;
using System.Text;

namespace Blind47.CaveDiving.Gas;

public sealed record FillRecord(string Cylinder, string Diver, double O2Percent, double HePercent, int Bar);

/// <summary>
/// Records gas fills at the club's compressor. The fill station, the analyser
/// kiosk and the nightly export all use one instance; the instance is closed when
/// the compressor room is locked up.
/// </summary>
public sealed class FillStationLog : IDisposable
{
    private readonly object _gate = new();
    private TextWriter? _writer;
    private int _fills;

    public FillStationLog(TextWriter writer) => _writer = writer;

    public static FillStationLog OpenFile(string path) =>
        new(new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), Encoding.UTF8));

    public bool Record(FillRecord fill)
    {
        var line = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{DateTime.UtcNow:O};{fill.Cylinder};{fill.Diver};{fill.O2Percent:F1};{fill.HePercent:F1};{fill.Bar}");

        lock (_gate)
        {
            if (_writer is null)
            {
                return false;
            }

            _writer.WriteLine(line);
            _fills++;
            return true;
        }
    }

    public int Fills
    {
        get
        {
            lock (_gate)
            {
                return _fills;
            }
        }
    }

    public bool IsOpen
    {
        get
        {
            lock (_gate)
            {
                return _writer is not null;
            }
        }
    }

    public void Dispose()
    {
        TextWriter? writer;
        lock (_gate)
        {
            writer = _writer;
            _writer = null;
            writer?.Flush();
        }

        writer?.Dispose();
    }
}

public static class CompressorRoom
{
    public static async Task<int> RunEveningAsync(FillStationLog log, IReadOnlyList<FillRecord> fills)
    {
        var stations = fills
            .Chunk(Math.Max(1, fills.Count / 3))
            .Select(chunk => Task.Run(() => chunk.Count(log.Record)))
            .ToArray();

        var lockUp = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50));
            log.Dispose();
        });

        var recorded = await Task.WhenAll(stations);
        await lockUp;
        return recorded.Sum();
    }
}
