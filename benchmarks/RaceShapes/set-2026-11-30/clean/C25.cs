using System.Diagnostics;

namespace Blind.C25;

/// <summary>
/// Runs independent cache-priming steps side by side when a node joins the cluster.
/// </summary>
public sealed class CachePrimer
{
    private readonly List<(string Name, Action Step)> _steps = new();

    public CachePrimer Add(string name, Action step)
    {
        _steps.Add((name, step));
        return this;
    }

    public IReadOnlyDictionary<string, TimeSpan> Run()
    {
        var durations = new TimeSpan[_steps.Count];
        var errors = new Exception?[_steps.Count];
        var actions = new Action[_steps.Count];

        for (int i = 0; i < _steps.Count; i++)
        {
            int index = i;
            var step = _steps[i].Step;
            actions[index] = () =>
            {
                var stopwatch = Stopwatch.StartNew();
                try
                {
                    step();
                }
                catch (Exception ex)
                {
                    errors[index] = ex;
                }
                durations[index] = stopwatch.Elapsed;
            };
        }

        Parallel.Invoke(actions);

        var failed = errors.Where(e => e is not null).Select(e => e!).ToList();
        if (failed.Count > 0)
        {
            throw new AggregateException("One or more priming steps failed.", failed);
        }

        var result = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        for (int i = 0; i < _steps.Count; i++)
        {
            result[_steps[i].Name] = durations[i];
        }
        return result;
    }
}

public static class PrimerDefaults
{
    public static CachePrimer Create(Func<string, byte[]> loadBlob, IEnumerable<string> hotKeys)
    {
        var keys = hotKeys.ToArray();
        return new CachePrimer()
            .Add("blobs", () => { foreach (var k in keys) loadBlob(k); })
            .Add("regex", () => System.Text.RegularExpressions.Regex.IsMatch("a@b.c", @"^\S+@\S+$"))
            .Add("json", () => System.Text.Json.JsonSerializer.Serialize(keys));
    }
}
