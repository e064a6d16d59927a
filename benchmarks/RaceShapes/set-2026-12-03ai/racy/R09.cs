namespace Blind35.TeaBlending.Room;

public sealed record ScaleReading(string LeafCode, double Grams);

public sealed record BlendLine(string LeafCode, double Grams, decimal Price);

public interface IBlendingScale
{
    /// <summary>Raised from the scale's serial reader thread whenever a weighing settles.</summary>
    event EventHandler<ScaleReading> ReadingSettled;
}

public interface ILeafPriceService
{
    Task<decimal> PricePerGramAsync(string leafCode, CancellationToken ct);
}

/// <summary>
/// Component behind the blending-room screen. The blender tips leaves onto the scale and
/// each settled weighing becomes a line of the blend; the screen shows the running total.
/// </summary>
public sealed class BlendWorksheet : IDisposable
{
    private readonly IBlendingScale _scale;
    private readonly ILeafPriceService _prices;
    private readonly List<BlendLine> _lines = new();
    private readonly CancellationTokenSource _cts = new();

    public BlendWorksheet(IBlendingScale scale, ILeafPriceService prices)
    {
        _scale = scale;
        _prices = prices;
        _scale.ReadingSettled += OnReadingSettled;
    }

    public string BlendName { get; set; } = "Untitled blend";

    private async void OnReadingSettled(object? sender, ScaleReading reading)
    {
        try
        {
            var perGram = await _prices.PricePerGramAsync(reading.LeafCode, _cts.Token);
            _lines.Add(new BlendLine(reading.LeafCode, reading.Grams, perGram * (decimal)reading.Grams));
        }
        catch (OperationCanceledException)
        {
            // worksheet closed while the price was loading
        }
    }

    /// <summary>Called by the screen's render loop.</summary>
    public decimal RunningTotal() => _lines.Sum(l => l.Price);

    public double TotalGrams() => _lines.Sum(l => l.Grams);

    public IReadOnlyDictionary<string, double> Proportions()
    {
        var total = TotalGrams();
        return _lines
            .GroupBy(l => l.LeafCode)
            .ToDictionary(g => g.Key, g => total == 0 ? 0 : g.Sum(l => l.Grams) / total);
    }

    public void Dispose()
    {
        _scale.ReadingSettled -= OnReadingSettled;
        _cts.Cancel();
        _cts.Dispose();
    }
}
