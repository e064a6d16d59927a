using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind59.MountainRescue.RadioLog;

/// <summary>
/// How far the tailer has got through the radio operator's log file.
/// </summary>
public readonly record struct TailPosition(long Offset, long LinesRead, DateTime LastLineAtUtc);

public sealed record RadioLogEntry(DateTime At, string Callsign, string Text);

/// <summary>
/// Follows the radio log written by the base station software and forwards new
/// entries to the incident timeline.
/// </summary>
public sealed class RadioLogTailer : BackgroundService
{
    private readonly string _path;
    private readonly Func<RadioLogEntry, ValueTask> _onEntry;
    private readonly ILogger<RadioLogTailer> _logger;
    private TailPosition _position;

    public RadioLogTailer(string path, Func<RadioLogEntry, ValueTask> onEntry, ILogger<RadioLogTailer> logger)
    {
        _path = path;
        _onEntry = onEntry;
        _logger = logger;
    }

    /// <summary>Shown on the control room status page.</summary>
    public TailPosition Position => _position;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await ReadNewLinesAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                _logger.LogWarning(ex, "Radio log not readable, will retry");
            }
        }
    }

    private async Task ReadNewLinesAsync(CancellationToken ct)
    {
        var position = _position;
        await using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (stream.Length < position.Offset)
        {
            // The operator rolled the log over at midnight.
            position = default;
        }

        stream.Seek(position.Offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);

        string? line;
        while ((line = await reader.ReadLineAsync(ct).ConfigureAwait(false)) is not null)
        {
            var offset = position.Offset + Encoding.UTF8.GetByteCount(line) + 1;
            _position = new TailPosition(offset, position.LinesRead + 1, DateTime.UtcNow);
            position = _position;

            if (TryParse(line, out var entry))
            {
                await _onEntry(entry).ConfigureAwait(false);
            }
        }
    }

    private static bool TryParse(string line, out RadioLogEntry entry)
    {
        // 2024-03-02T14:05:11Z|MR-ALPHA-2|At grid ref NY 215 072, casualty located
        var parts = line.Split('|', 3);
        if (parts.Length == 3 && DateTime.TryParse(parts[0], out var at))
        {
            entry = new RadioLogEntry(at, parts[1], parts[2]);
            return true;
        }

        entry = null!;
        return false;
    }
}

public static class RadioLogStatusEndpoint
{
    public static object Get(RadioLogTailer tailer)
    {
        var p = tailer.Position;
        return new
        {
            bytes = p.Offset,
            lines = p.LinesRead,
            lastLine = p.LastLineAtUtc == default ? null : (DateTime?)p.LastLineAtUtc,
        };
    }
}
