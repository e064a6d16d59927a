namespace Blind24.OrigamiExhibition;

public sealed record CatalogPlate(string PieceTitle, string Artist, string FoldingBase, int SheetCount);

public interface IPlateSource
{
    IAsyncEnumerable<CatalogPlate> ReadPlatesAsync(CancellationToken ct);
}

public sealed class ImportResult
{
    public ImportResult(IReadOnlyList<CatalogPlate> plates, bool timedOut)
    {
        Plates = plates;
        TimedOut = timedOut;
    }

    public IReadOnlyList<CatalogPlate> Plates { get; }
    public bool TimedOut { get; }
}

/// <summary>
/// Imports catalogue plates for the exhibition from the curators' spreadsheet
/// service. Large catalogues are imported with a deadline; whatever is still staged
/// when the deadline passes is discarded so a half-finished catalogue is never
/// published.
/// </summary>
public sealed class CatalogImporter
{
    private readonly IPlateSource _source;
    private readonly List<CatalogPlate> _staged = new();

    public CatalogImporter(IPlateSource source) => _source = source;

    public async Task<ImportResult> ImportAsync(TimeSpan deadline, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(deadline);

        using var registration = cts.Token.Register(() =>
        {
            _staged.Clear();
        });

        try
        {
            await foreach (var plate in _source.ReadPlatesAsync(cts.Token).ConfigureAwait(false))
            {
                if (plate.SheetCount <= 0 || string.IsNullOrWhiteSpace(plate.PieceTitle))
                {
                    continue;
                }

                _staged.Add(plate);
            }

            var result = _staged.OrderBy(p => p.Artist).ThenBy(p => p.PieceTitle).ToList();
            _staged.Clear();
            return new ImportResult(result, timedOut: false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ImportResult(Array.Empty<CatalogPlate>(), timedOut: true);
        }
    }
}
