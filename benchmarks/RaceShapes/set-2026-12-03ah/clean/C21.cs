using System.Collections.Concurrent;
using System.Globalization;

namespace Blind34.HotSpring.Tariffs;

public sealed record Tariff(string Pool, decimal PerHour, decimal TowelHire);

/// <summary>
/// Resort tariffs, loaded once from the rate sheet when first needed, plus a
/// small pool of receipt builders reused across bookings. One instance serves
/// every front-desk terminal.
/// </summary>
public sealed class TariffDesk
{
    private readonly string _rateSheet;
    private readonly ConcurrentBag<ReceiptBuilder> _builders = new();
    private Dictionary<string, Tariff>? _tariffs;
    private bool _tariffsLoaded;
    private object? _loadGate;

    public TariffDesk(string rateSheet) => _rateSheet = rateSheet;

    private Dictionary<string, Tariff> Tariffs =>
        LazyInitializer.EnsureInitialized(ref _tariffs, ref _tariffsLoaded, ref _loadGate, LoadTariffs)!;

    public string Quote(string pool, TimeSpan soak, bool towel)
    {
        if (!Tariffs.TryGetValue(pool, out var tariff))
        {
            return $"No tariff for {pool}.";
        }

        var builder = _builders.TryTake(out var b) ? b : new ReceiptBuilder();
        try
        {
            builder.Line($"{pool} x {soak.TotalHours:F1} h", tariff.PerHour * (decimal)soak.TotalHours);
            if (towel)
            {
                builder.Line("Towel hire", tariff.TowelHire);
            }

            return builder.Finish();
        }
        finally
        {
            builder.Reset();
            _builders.Add(builder);
        }
    }

    private Dictionary<string, Tariff> LoadTariffs()
    {
        var map = new Dictionary<string, Tariff>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in File.ReadLines(_rateSheet).Skip(1))
        {
            var cells = row.Split(',');
            map[cells[0]] = new Tariff(cells[0],
                decimal.Parse(cells[1], CultureInfo.InvariantCulture),
                decimal.Parse(cells[2], CultureInfo.InvariantCulture));
        }

        return map;
    }
}

/// <summary>Accumulates receipt lines; reused after <see cref="Reset"/>.</summary>
public sealed class ReceiptBuilder
{
    private readonly System.Text.StringBuilder _text = new();
    private decimal _total;

    public void Line(string label, decimal amount)
    {
        _text.Append(label.PadRight(28)).Append(amount.ToString("F2", CultureInfo.InvariantCulture)).AppendLine();
        _total += amount;
    }

    public string Finish() => _text.Append("Total".PadRight(28)).Append(_total.ToString("F2", CultureInfo.InvariantCulture)).ToString();

    public void Reset()
    {
        _text.Clear();
        _total = 0;
    }
}
