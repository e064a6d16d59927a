namespace Blind28.SailLoft.Repairs;

public sealed class RepairQuotedEventArgs : EventArgs
{
    public RepairQuotedEventArgs(string sailId, decimal amount)
    {
        SailId = sailId;
        Amount = amount;
    }

    public string SailId { get; }
    public decimal Amount { get; }
}

/// <summary>Estimates repair costs from damage photos; each sail is assessed on the thread pool.</summary>
public sealed class DamageAssessor
{
    public event EventHandler<RepairQuotedEventArgs>? RepairQuoted;

    public Task AssessAsync(IEnumerable<(string SailId, int Tears, double PatchSquareMetres)> sails)
    {
        var work = sails.Select(s => Task.Run(() =>
        {
            var amount = 45m + s.Tears * 18m + (decimal)s.PatchSquareMetres * 32m;
            RepairQuoted?.Invoke(this, new RepairQuotedEventArgs(s.SailId, Math.Round(amount, 2)));
        }));
        return Task.WhenAll(work);
    }
}

/// <summary>
/// The repair desk's order book. It listens for quotes, saves them and keeps the
/// running value of quoted work shown at the front counter.
/// </summary>
public sealed class RepairOrderBook
{
    private readonly object _gate = new();
    private readonly Func<RepairQuotedEventArgs, Task> _save;
    private readonly List<RepairQuotedEventArgs> _quotes = new();
    private decimal _quotedValue;

    public RepairOrderBook(DamageAssessor assessor, Func<RepairQuotedEventArgs, Task> save)
    {
        _save = save;
        assessor.RepairQuoted += OnRepairQuoted;
    }

    public decimal QuotedValue
    {
        get
        {
            lock (_gate)
            {
                return _quotedValue;
            }
        }
    }

    public IReadOnlyList<RepairQuotedEventArgs> Quotes()
    {
        lock (_gate)
        {
            return _quotes.ToList();
        }
    }

    private async void OnRepairQuoted(object? sender, RepairQuotedEventArgs e)
    {
        try
        {
            await _save(e);
            lock (_gate)
            {
                _quotes.Add(e);
                _quotedValue += e.Amount;
            }
        }
        catch (IOException)
        {
            // Saved again by the nightly reconciliation.
        }
    }
}
