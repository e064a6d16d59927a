using System.Threading.Channels;

namespace Blind28.AntiqueClocks.Cleaning;

public sealed class MovementLot
{
    public MovementLot(string ticket) => Ticket = ticket;

    public string Ticket { get; }
    public List<string> PartsRemoved { get; } = new();
    public List<string> Notes { get; } = new();
    public TimeSpan UltrasonicTime { get; set; }
}

/// <summary>
/// Strip-down bench feeding the ultrasonic cleaning station. The bench records what it
/// removed and then passes the whole lot to the cleaner, which adds its own notes.
/// </summary>
public sealed class CleaningLine
{
    private readonly Channel<MovementLot> _toCleaner = Channel.CreateBounded<MovementLot>(
        new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });

    public async Task<IReadOnlyList<MovementLot>> RunAsync(IEnumerable<(string Ticket, string[] Parts)> movements, CancellationToken ct)
    {
        var stripDown = Task.Run(async () =>
        {
            try
            {
                foreach (var (ticket, parts) in movements)
                {
                    var lot = new MovementLot(ticket);
                    foreach (var part in parts)
                    {
                        lot.PartsRemoved.Add(part);
                        if (part.Contains("mainspring", StringComparison.OrdinalIgnoreCase))
                        {
                            lot.Notes.Add("Mainspring let down before removal.");
                        }
                    }

                    await _toCleaner.Writer.WriteAsync(lot, ct);
                }
            }
            finally
            {
                _toCleaner.Writer.TryComplete();
            }
        }, ct);

        var cleaned = new List<MovementLot>();
        await foreach (var lot in _toCleaner.Reader.ReadAllAsync(ct))
        {
            lot.UltrasonicTime = TimeSpan.FromMinutes(4 + lot.PartsRemoved.Count / 5);
            lot.Notes.Add($"Cleaned {lot.PartsRemoved.Count} parts, rinsed and dried.");
            cleaned.Add(lot);
        }

        await stripDown;
        return cleaned;
    }
}
