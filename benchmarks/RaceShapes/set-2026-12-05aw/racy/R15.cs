using System.ComponentModel;

namespace OperaHouse.BoxOffice;

public sealed record Sale(string Performance, string Seat, decimal Price);

public sealed class SeatSoldEventArgs : EventArgs
{
    public SeatSoldEventArgs(Sale sale) => Sale = sale;
    public Sale Sale { get; }
}

public interface ISeatLedger
{
    Task ConfirmAsync(Sale sale, CancellationToken ct);
}

/// <summary>Confirms a batch of web sales against the seat ledger.</summary>
public sealed class BoxOfficeFeed
{
    private readonly ISeatLedger _ledger;

    public BoxOfficeFeed(ISeatLedger ledger) => _ledger = ledger;

    public event EventHandler<SeatSoldEventArgs>? SeatSold;

    public Task ConfirmBatchAsync(IEnumerable<Sale> sales, CancellationToken ct) =>
        Parallel.ForEachAsync(sales, ct, async (sale, token) =>
        {
            await _ledger.ConfirmAsync(sale, token);
            SeatSold?.Invoke(this, new SeatSoldEventArgs(sale));
        });
}

/// <summary>View-model behind the box-office manager's sales dashboard.</summary>
public sealed class SalesDashboardViewModel : INotifyPropertyChanged
{
    private readonly SynchronizationContext? _ui;
    private int _soldCount;
    private decimal _revenue;

    public SalesDashboardViewModel(BoxOfficeFeed feed)
    {
        _ui = SynchronizationContext.Current;
        feed.SeatSold += OnSeatSold;
    }

    public event PropertyChangedEventHandler? PropertyChanged;

    public int SoldCount => Volatile.Read(ref _soldCount);

    public decimal Revenue => _revenue;

    public string Summary => $"{SoldCount} seats, {Revenue:C}";

    private void OnSeatSold(object? sender, SeatSoldEventArgs e)
    {
        Interlocked.Increment(ref _soldCount);
        _revenue += e.Sale.Price;
        NotifyChanged();
    }

    private void NotifyChanged()
    {
        if (_ui is null)
        {
            Raise();
        }
        else
        {
            _ui.Post(_ => Raise(), null);
        }
    }

    private void Raise()
    {
        PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(nameof(SoldCount)));
        PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(nameof(Revenue)));
        PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(nameof(Summary)));
    }
}
