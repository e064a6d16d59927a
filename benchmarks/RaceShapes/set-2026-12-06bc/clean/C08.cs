namespace Blind55.Clean.C08;

public sealed record GownStock(string Supplier, string Style, string Size, int Available, int LeadTimeDays);

public interface IGownSupplierClient
{
    Task<IReadOnlyList<GownStock>> GetStockAsync(string supplier, string style, CancellationToken ct);
}

public sealed class AvailabilityReport
{
    private readonly List<GownStock> _lines = new();

    public IReadOnlyList<GownStock> Lines => _lines;
    public int TotalAvailable { get; private set; }
    public List<string> UnreachableSuppliers { get; } = new();

    public void Merge(string supplier, IReadOnlyList<GownStock>? stock)
    {
        if (stock == null)
        {
            UnreachableSuppliers.Add(supplier);
            return;
        }

        _lines.AddRange(stock);
        TotalAvailable += stock.Sum(s => s.Available);
    }
}

/// <summary>
/// Asks every gown supplier of the bridal boutique for stock of a style at the same time and
/// builds one report for the consultant's tablet.
/// </summary>
public sealed class GownAvailabilityService
{
    private readonly IGownSupplierClient _client;
    private readonly IReadOnlyList<string> _suppliers;

    public GownAvailabilityService(IGownSupplierClient client, IReadOnlyList<string> suppliers)
    {
        _client = client;
        _suppliers = suppliers;
    }

    public async Task<AvailabilityReport> CheckAsync(string style, CancellationToken ct)
    {
        var perSupplier = new IReadOnlyList<GownStock>?[_suppliers.Count];

        var lookups = _suppliers.Select(async (supplier, index) =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(4));
            try
            {
                perSupplier[index] = await _client.GetStockAsync(supplier, style, timeout.Token);
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                perSupplier[index] = null;
            }
        }).ToArray();

        await Task.WhenAll(lookups);

        var report = new AvailabilityReport();
        for (int i = 0; i < _suppliers.Count; i++)
        {
            report.Merge(_suppliers[i], perSupplier[i]);
        }

        return report;
    }
}
