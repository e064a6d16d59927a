namespace Blind8.Tools.BuildRunner;

/// <summary>
/// Options for the `runbuild` command line. Parsed once at startup.
/// </summary>
public sealed class BuildRunnerOptions
{
    public int MaxParallelProjects { get; set; } = Environment.ProcessorCount;
    public bool LockFileRequired { get; set; }
    public bool Concurrent { get; set; } = true;
    public int ThreadsPerProject { get; set; } = 1;
    public string Configuration { get; set; } = "Release";
    public List<string> Projects { get; } = new();
}

/// <summary>
/// Parses arguments and prints the build plan; the plan itself is executed by
/// the build agent in a separate process.
/// </summary>
public static class BuildPlanCommand
{
    private static int s_warnings;
    private static readonly Dictionary<string, string> s_aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["-j"] = "--parallel",
        ["-t"] = "--threads",
        ["-c"] = "--configuration",
    };

    public static int Main(string[] args)
    {
        var options = Parse(args);
        foreach (var line in DescribePlan(options))
        {
            Console.WriteLine(line);
        }

        return s_warnings > 0 ? 1 : 0;
    }

    public static BuildRunnerOptions Parse(string[] args)
    {
        var options = new BuildRunnerOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = s_aliases.TryGetValue(args[i], out var canonical) ? canonical : args[i];
            switch (arg)
            {
                case "--parallel":
                    options.MaxParallelProjects = int.Parse(args[++i]);
                    break;
                case "--threads":
                    options.ThreadsPerProject = int.Parse(args[++i]);
                    break;
                case "--serial":
                    options.Concurrent = false;
                    options.MaxParallelProjects = 1;
                    break;
                case "--locked":
                    options.LockFileRequired = true;
                    break;
                case "--configuration":
                    options.Configuration = args[++i];
                    break;
                default:
                    if (arg.StartsWith("--", StringComparison.Ordinal))
                    {
                        Console.Error.WriteLine($"warning: unknown option {arg}");
                        s_warnings++;
                    }
                    else
                    {
                        options.Projects.Add(arg);
                    }
                    break;
            }
        }

        return options;
    }

    public static IEnumerable<string> DescribePlan(BuildRunnerOptions options)
    {
        if (options.Projects.Count == 0)
        {
            s_warnings++;
            yield return "No projects given; nothing to build.";
            yield break;
        }

        var totalThreads = Math.Min(options.MaxParallelProjects, options.Projects.Count) * options.ThreadsPerProject;
        yield return $"Configuration: {options.Configuration}";
        yield return options.Concurrent
            ? $"Parallel build: up to {options.MaxParallelProjects} projects, {totalThreads} threads in total"
            : "Serial build";

        if (options.LockFileRequired)
        {
            yield return "Restore will fail if packages.lock.json is out of date.";
        }

        var wave = 1;
        foreach (var chunk in options.Projects.Chunk(Math.Max(1, options.MaxParallelProjects)))
        {
            yield return $"  wave {wave++}: {string.Join(", ", chunk)}";
        }
    }
}
