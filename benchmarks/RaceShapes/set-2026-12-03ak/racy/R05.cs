using System.Globalization;
using System.Text;

namespace Blind37.BagpipeBands.MarchCards;

public sealed record Tune(string Name, string Type, int Parts, string? Composer);

public sealed record TuneSet(string Title, string PipeMajor, IReadOnlyList<Tune> Tunes, int TempoBpm);

/// <summary>
/// Renders tune sets into the fixed-width text printed on the pipers' march cards.
/// Registered as a singleton in DI and used by the card printing endpoint.
/// </summary>
public sealed class MarchCardRenderer
{
    private const int CardWidth = 38;

    private readonly StringBuilder _scratch = new(512);
    private readonly IReadOnlyDictionary<string, string> _tuneTypeAbbreviations;

    public MarchCardRenderer(IReadOnlyDictionary<string, string> tuneTypeAbbreviations)
    {
        _tuneTypeAbbreviations = tuneTypeAbbreviations;
    }

    public string Render(TuneSet set)
    {
        _scratch.Clear();
        AppendCentred(set.Title.ToUpperInvariant());
        AppendCentred($"P/M {set.PipeMajor}  {set.TempoBpm} bpm");
        _scratch.Append('-', CardWidth).AppendLine();

        var number = 1;
        foreach (var tune in set.Tunes)
        {
            var type = _tuneTypeAbbreviations.TryGetValue(tune.Type, out var abbreviation) ? abbreviation : tune.Type;
            var line = string.Format(CultureInfo.InvariantCulture, "{0,2}. {1} ({2}, {3}pt)", number++, tune.Name, type, tune.Parts);
            if (line.Length > CardWidth)
            {
                line = line[..(CardWidth - 1)] + "~";
            }
            _scratch.AppendLine(line);

            if (!string.IsNullOrEmpty(tune.Composer))
            {
                _scratch.Append("    ").AppendLine(tune.Composer);
            }
        }

        return _scratch.ToString();
    }

    private void AppendCentred(string text)
    {
        var padding = Math.Max(0, (CardWidth - text.Length) / 2);
        _scratch.Append(' ', padding).AppendLine(text);
    }
}

/// <summary>Handles requests from the band room printer kiosk.</summary>
public sealed class MarchCardEndpoint
{
    private readonly MarchCardRenderer _renderer;
    private readonly Func<string, CancellationToken, Task<TuneSet?>> _loadSet;

    public MarchCardEndpoint(MarchCardRenderer renderer, Func<string, CancellationToken, Task<TuneSet?>> loadSet)
    {
        _renderer = renderer;
        _loadSet = loadSet;
    }

    public async Task<(int Status, string Body)> HandleAsync(string setId, CancellationToken cancellationToken)
    {
        var set = await _loadSet(setId, cancellationToken).ConfigureAwait(false);
        if (set is null)
        {
            return (404, $"No tune set '{setId}'.");
        }

        return (200, _renderer.Render(set));
    }

    public async Task<IReadOnlyList<string>> RenderCompetitionSetsAsync(IEnumerable<string> setIds, CancellationToken cancellationToken)
    {
        var responses = await Task.WhenAll(setIds.Select(id => HandleAsync(id, cancellationToken))).ConfigureAwait(false);
        return responses.Where(r => r.Status == 200).Select(r => r.Body).ToArray();
    }
}
