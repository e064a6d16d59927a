using System.Threading.Channels;

namespace Blind44.DogSledRaces.Checkpoints;

/// <summary>A musher's arrival at a checkpoint, as read off the RFID gate.</summary>
public sealed class CheckpointPing
{
    public string MusherId { get; set; } = "";
    public string Checkpoint { get; set; } = "";
    public int DogsInHarness { get; set; }
    public DateTime ArrivedUtc { get; set; }
}

public interface IRfidGate
{
    string Checkpoint { get; }
    bool TryRead(out string tagId, out int dogCount);
}

/// <summary>
/// Reads the RFID gate at a checkpoint and forwards arrivals to the standings processor.
/// The gate reader runs on its own task; the processor consumes on another.
/// </summary>
public sealed class CheckpointRelay
{
    private readonly Channel<CheckpointPing> _channel =
        Channel.CreateBounded<CheckpointPing>(new BoundedChannelOptions(256) { SingleReader = true, SingleWriter = true });

    private readonly Dictionary<string, (string Checkpoint, DateTime At, int Dogs)> _standings = new();

    public ChannelReader<CheckpointPing> Arrivals => _channel.Reader;

    public async Task ReadGateAsync(IRfidGate gate, CancellationToken ct)
    {
        // The gate fires dozens of reads per musher as the team passes; reuse one ping object.
        var ping = new CheckpointPing { Checkpoint = gate.Checkpoint };
        try
        {
            while (!ct.IsCancellationRequested)
            {
                if (!gate.TryRead(out var tag, out var dogs))
                {
                    await Task.Delay(50, ct);
                    continue;
                }

                ping.MusherId = tag;
                ping.DogsInHarness = dogs;
                ping.ArrivedUtc = DateTime.UtcNow;
                await _channel.Writer.WriteAsync(ping, ct);
            }
        }
        finally
        {
            _channel.Writer.TryComplete();
        }
    }

    public async Task ProcessAsync(CancellationToken ct)
    {
        await foreach (var ping in _channel.Reader.ReadAllAsync(ct))
        {
            if (_standings.TryGetValue(ping.MusherId, out var previous) && previous.Checkpoint == ping.Checkpoint)
                continue;

            _standings[ping.MusherId] = (ping.Checkpoint, ping.ArrivedUtc, ping.DogsInHarness);
            if (previous.Dogs > 0 && ping.DogsInHarness < previous.Dogs)
                Console.WriteLine($"{ping.MusherId} dropped {previous.Dogs - ping.DogsInHarness} dog(s) before {ping.Checkpoint}");
        }
    }

    public async Task RunAsync(IRfidGate gate, CancellationToken ct)
    {
        var reader = Task.Run(() => ReadGateAsync(gate, ct), ct);
        var processor = Task.Run(() => ProcessAsync(ct), ct);
        await Task.WhenAll(reader, processor);
    }
}
