namespace Blind.C13;

/// <summary>
/// One entry of a build script: a named task with dependencies.
/// </summary>
public sealed class BuildTask
{
    public BuildTask(string name, IEnumerable<string> dependsOn)
    {
        Name = name;
        DependsOn = dependsOn.ToList();
    }

    public string Name { get; }

    public List<string> DependsOn { get; }

    public int ThreadHint { get; set; } = 1;
}

/// <summary>
/// Reads a build script, orders its tasks and writes the resolved plan to a lock
/// file so that later runs can detect changes. Invoked once per CLI run.
/// </summary>
public sealed class BuildPlanner
{
    private readonly Dictionary<string, BuildTask> _tasks = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _lockFileLines = new();
    private int _maxThreads = 1;

    public int MaxThreads => _maxThreads;

    public void Load(string scriptPath)
    {
        foreach (var raw in File.ReadLines(scriptPath))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            // "compile: restore generate threads=4"
            var colon = line.IndexOf(':');
            var name = colon < 0 ? line : line[..colon].Trim();
            var rest = colon < 0 ? Array.Empty<string>() : line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);

            var task = new BuildTask(name, rest.Where(r => !r.StartsWith("threads=")));
            var threads = rest.FirstOrDefault(r => r.StartsWith("threads="));
            if (threads is not null && int.TryParse(threads["threads=".Length..], out var hint))
            {
                task.ThreadHint = hint;
                _maxThreads = Math.Max(_maxThreads, hint);
            }

            _tasks[name] = task;
        }
    }

    public IReadOnlyList<BuildTask> Order()
    {
        var ordered = new List<BuildTask>();
        var state = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);

        void Visit(string name)
        {
            if (state.TryGetValue(name, out var done))
            {
                if (!done)
                {
                    throw new InvalidOperationException($"Dependency cycle at task '{name}'.");
                }
                return;
            }

            state[name] = false;
            if (_tasks.TryGetValue(name, out var task))
            {
                foreach (var dep in task.DependsOn)
                {
                    Visit(dep);
                }
                ordered.Add(task);
            }
            state[name] = true;
        }

        foreach (var name in _tasks.Keys.OrderBy(k => k, StringComparer.OrdinalIgnoreCase))
        {
            Visit(name);
        }

        return ordered;
    }

    public void WriteLockFile(string lockFilePath)
    {
        _lockFileLines.Clear();
        foreach (var task in Order())
        {
            _lockFileLines.Add($"{task.Name} threads={task.ThreadHint} deps={string.Join(',', task.DependsOn)}");
        }
        File.WriteAllLines(lockFilePath, _lockFileLines);
    }
}
