namespace Blind36.Barbershop.Contest;

public sealed record JudgeSheet(string Judge, string Quartet, string Category, int Score);

public interface ISheetScanner
{
    event EventHandler<string>? SheetScanned;
}

public interface IScoreParser
{
    Task<JudgeSheet> ParseAsync(string imagePath);
}

/// <summary>
/// View-model for the contest tabulation screen. Scanned judge sheets arrive as
/// events from the scanner driver's thread; parsing is asynchronous.
/// </summary>
public sealed class TabulationViewModel
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IScoreParser _parser;
    private readonly Dictionary<string, int> _totals = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _errors = new();
    private int _sheetsProcessed;

    public TabulationViewModel(ISheetScanner scanner, IScoreParser parser)
    {
        _parser = parser;
        scanner.SheetScanned += OnSheetScanned;
    }

    public event EventHandler? TotalsChanged;

    private async void OnSheetScanned(object? sender, string imagePath)
    {
        try
        {
            var sheet = await _parser.ParseAsync(imagePath).ConfigureAwait(false);

            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                _totals.TryGetValue(sheet.Quartet, out var total);
                _totals[sheet.Quartet] = total + sheet.Score;
                _sheetsProcessed++;
            }
            finally
            {
                _gate.Release();
            }

            TotalsChanged?.Invoke(this, EventArgs.Empty);
        }
        catch (Exception ex)
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                _errors.Add($"{Path.GetFileName(imagePath)}: {ex.Message}");
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    public async Task<(IReadOnlyList<(string Quartet, int Total)> Standings, int Sheets, IReadOnlyList<string> Errors)> SnapshotAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var standings = _totals
                .OrderByDescending(p => p.Value)
                .Select(p => (p.Key, p.Value))
                .ToList();
            return (standings, _sheetsProcessed, _errors.ToList());
        }
        finally
        {
            _gate.Release();
        }
    }
}
