using System.Threading.Channels;

namespace Blind28.HopFarm.Harvest;

public sealed class BaleWeighedEventArgs : EventArgs
{
    public BaleWeighedEventArgs(string scaleId, string variety, double kilograms)
    {
        ScaleId = scaleId;
        Variety = variety;
        Kilograms = kilograms;
    }

    public string ScaleId { get; }
    public string Variety { get; }
    public double Kilograms { get; }
}

/// <summary>Reads the bale scales in the oast house; each scale is polled on its own task.</summary>
public sealed class WeighStation
{
    public event EventHandler<BaleWeighedEventArgs>? BaleWeighed;

    public Task RunAsync(IReadOnlyList<string> scaleIds, Func<string, CancellationToken, Task<(string Variety, double Kg)?>> readScale, CancellationToken ct)
    {
        var readers = scaleIds.Select(id => Task.Run(async () =>
        {
            while (!ct.IsCancellationRequested)
            {
                var reading = await readScale(id, ct);
                if (reading is { } r)
                {
                    BaleWeighed?.Invoke(this, new BaleWeighedEventArgs(id, r.Variety, r.Kg));
                }
            }
        }, ct));
        return Task.WhenAll(readers);
    }
}

/// <summary>Keeps the day's harvest totals for the farm office dashboard.</summary>
public sealed class HarvestTally
{
    private readonly ChannelWriter<BaleWeighedEventArgs> _archive;
    private int _bales;
    private double _totalKilograms;

    public HarvestTally(WeighStation station, ChannelWriter<BaleWeighedEventArgs> archive)
    {
        _archive = archive;
        station.BaleWeighed += OnBaleWeighed;
    }

    public int Bales => Volatile.Read(ref _bales);

    private async void OnBaleWeighed(object? sender, BaleWeighedEventArgs e)
    {
        try
        {
            await _archive.WriteAsync(e);
            Interlocked.Increment(ref _bales);
            _totalKilograms += e.Kilograms;
        }
        catch (ChannelClosedException)
        {
            // Archive has been shut down for the day; late bales are re-weighed tomorrow.
        }
    }

    public double TotalKilogramsAtClose(WeighStation station)
    {
        station.BaleWeighed -= OnBaleWeighed;
        return _totalKilograms;
    }
}
