using System.Globalization;
using Microsoft.Extensions.Hosting;

namespace Blind59.Beekeeping.HiveScales;

public readonly record struct TailProgress(long Offset, long Lines, long Rejected, DateTime LastReadUtc);

public sealed record HiveWeight(string HiveId, DateTime At, double Kilograms);

/// <summary>
/// Follows the CSV log written by the apiary's hive-scale base station and feeds weights
/// into the association's swarm-alert rules. The progress is shown on the admin page.
/// </summary>
public sealed class HiveScaleLogTailer : BackgroundService
{
    private readonly string _path;
    private readonly Action<HiveWeight> _onWeight;
    private readonly object _progressLock = new();
    private TailProgress _progress;

    public HiveScaleLogTailer(string path, Action<HiveWeight> onWeight)
    {
        _path = path;
        _onWeight = onWeight;
    }

    public TailProgress Progress
    {
        get
        {
            lock (_progressLock)
            {
                return _progress;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        long offset = 0, lines = 0, rejected = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));

        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            if (!File.Exists(_path))
            {
                continue;
            }

            using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length < offset)
            {
                offset = 0;
            }
            stream.Seek(offset, SeekOrigin.Begin);

            using var reader = new StreamReader(stream);
            string? line;
            while ((line = await reader.ReadLineAsync(stoppingToken).ConfigureAwait(false)) is not null)
            {
                lines++;
                if (TryParse(line, out var weight))
                {
                    _onWeight(weight);
                }
                else
                {
                    rejected++;
                }
            }

            offset = stream.Position;
            lock (_progressLock)
            {
                _progress = new TailProgress(offset, lines, rejected, DateTime.UtcNow);
            }
        }
    }

    private static bool TryParse(string line, out HiveWeight weight)
    {
        // hive-07,2024-05-12T06:00:00Z,41.82
        var parts = line.Split(',');
        if (parts.Length == 3
            && DateTime.TryParse(parts[1], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var at)
            && double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var kg))
        {
            weight = new HiveWeight(parts[0], at, kg);
            return true;
        }

        weight = null!;
        return false;
    }
}

public static class ApiaryAdminEndpoint
{
    public static string Status(HiveScaleLogTailer tailer)
    {
        var p = tailer.Progress;
        return $"{p.Lines} lines ({p.Rejected} rejected), {p.Offset} bytes, last read {p.LastReadUtc:HH:mm:ss} UTC";
    }
}
