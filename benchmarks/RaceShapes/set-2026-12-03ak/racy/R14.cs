using System.Text.Json;

namespace Blind37.ModelRailway.Signalling;

public sealed record SignalAspectRule(string BlockId, string NextBlockId, int CautionAfterMs, bool ApproachControlled);

/// <summary>
/// Loads the layout's block-signal rules from signals.json and reloads them whenever the
/// file is edited on the club's shared drive. The signalling controller reads the rules
/// on every train movement.
/// </summary>
public sealed class SignalRuleSource : IDisposable
{
    private readonly string _path;
    private readonly Dictionary<string, SignalAspectRule> _rules = new(StringComparer.OrdinalIgnoreCase);
    private readonly FileSystemWatcher _watcher;

    public SignalRuleSource(string path)
    {
        _path = Path.GetFullPath(path);
        Load();

        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        _watcher.Changed += (_, _) => Load();
        _watcher.EnableRaisingEvents = true;
    }

    public SignalAspectRule? GetRule(string blockId) => _rules.TryGetValue(blockId, out var rule) ? rule : null;

    private void Load()
    {
        List<SignalAspectRule>? parsed;
        try
        {
            using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            parsed = JsonSerializer.Deserialize<List<SignalAspectRule>>(stream);
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            // The editor may still be writing; the next change event will retry.
            return;
        }

        if (parsed is null)
        {
            return;
        }

        _rules.Clear();
        foreach (var rule in parsed)
        {
            _rules[rule.BlockId] = rule;
        }
    }

    public void Dispose() => _watcher.Dispose();
}

public enum Aspect
{
    Danger,
    Caution,
    Clear,
}

/// <summary>Sets the aspect of each block signal as trains move through the layout.</summary>
public sealed class BlockSignalController
{
    private readonly SignalRuleSource _rules;
    private readonly Func<string, bool> _isOccupied;

    public BlockSignalController(SignalRuleSource rules, Func<string, bool> isOccupied)
    {
        _rules = rules;
        _isOccupied = isOccupied;
    }

    public Aspect AspectFor(string blockId)
    {
        var rule = _rules.GetRule(blockId);
        if (rule is null || _isOccupied(rule.NextBlockId))
        {
            return Aspect.Danger;
        }

        var beyond = _rules.GetRule(rule.NextBlockId);
        if (beyond is not null && _isOccupied(beyond.NextBlockId))
        {
            return Aspect.Caution;
        }

        return rule.ApproachControlled ? Aspect.Caution : Aspect.Clear;
    }

    public Task<Aspect[]> AspectsForAsync(IEnumerable<string> blockIds) =>
        Task.WhenAll(blockIds.Select(id => Task.Run(() => AspectFor(id))));
}
