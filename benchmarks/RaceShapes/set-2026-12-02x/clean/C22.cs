namespace Blind24.HoneyExtraction;

public sealed record ExtractionRule(string Varietal, double MaxMoisturePercent, int SpinMinutes);

/// <summary>
/// The set of extraction rules applied to incoming frames. The extractor line reads
/// the rules for every frame without taking a lock; beekeepers edit rules rarely, so
/// edits copy the array and publish the new copy.
/// </summary>
public sealed class ExtractionRuleSet
{
    private readonly object _writeLock = new();
    private volatile ExtractionRule[] _rules = Array.Empty<ExtractionRule>();

    public IReadOnlyList<ExtractionRule> Rules => _rules;

    public void Upsert(ExtractionRule rule)
    {
        lock (_writeLock)
        {
            var current = _rules;
            var index = Array.FindIndex(current, r => r.Varietal == rule.Varietal);
            ExtractionRule[] next;
            if (index >= 0)
            {
                next = (ExtractionRule[])current.Clone();
                next[index] = rule;
            }
            else
            {
                next = new ExtractionRule[current.Length + 1];
                Array.Copy(current, next, current.Length);
                next[^1] = rule;
            }

            _rules = next;
        }
    }

    public bool Remove(string varietal)
    {
        lock (_writeLock)
        {
            var current = _rules;
            var next = current.Where(r => r.Varietal != varietal).ToArray();
            if (next.Length == current.Length)
            {
                return false;
            }

            _rules = next;
            return true;
        }
    }

    public ExtractionRule? For(string varietal)
    {
        foreach (var rule in _rules)
        {
            if (rule.Varietal == varietal)
            {
                return rule;
            }
        }

        return null;
    }
}

/// <summary>Extractor line: one worker per extractor drum.</summary>
public sealed class ExtractorDrum
{
    private readonly ExtractionRuleSet _rules;

    public ExtractorDrum(ExtractionRuleSet rules) => _rules = rules;

    public Task ProcessAsync(IEnumerable<(string FrameId, string Varietal, double Moisture)> frames, Action<string, string> log, CancellationToken ct)
    {
        return Task.Run(() =>
        {
            foreach (var (frameId, varietal, moisture) in frames)
            {
                ct.ThrowIfCancellationRequested();
                var rule = _rules.For(varietal);
                if (rule is null)
                {
                    log(frameId, "no rule; set aside");
                }
                else if (moisture > rule.MaxMoisturePercent)
                {
                    log(frameId, $"too wet ({moisture:F1}%); return to hive");
                }
                else
                {
                    log(frameId, $"spin {rule.SpinMinutes} min");
                }
            }
        }, ct);
    }
}
