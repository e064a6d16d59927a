namespace Blind4.Clean.Tools.Build;

/// <summary>Options for the "build" command.</summary>
public sealed class BuildOptions
{
    public List<string> Projects { get; } = new();

    public bool Parallel { get; set; }

    public int MaxThreads { get; set; } = Environment.ProcessorCount;

    public bool UseLockFile { get; set; }

    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool ContinueOnRace { get; set; }

    public int Verbosity { get; set; } = 1;
}

/// <summary>
/// Parses command-line arguments such as
/// <c>build src/App.csproj --parallel --max-threads 8 --locked-mode --lock-timeout 00:01:00</c>.
/// </summary>
public static class BuildOptionsParser
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["-p"] = "--parallel",
        ["-j"] = "--max-threads",
        ["-v"] = "--verbosity",
        ["-l"] = "--locked-mode",
    };

    public static BuildOptions Parse(IReadOnlyList<string> args, TextWriter errors)
    {
        var options = new BuildOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = Aliases.TryGetValue(args[i], out var canonical) ? canonical : args[i];
            switch (arg)
            {
                case "--parallel":
                    options.Parallel = true;
                    break;
                case "--max-threads" when TryNext(args, ref i, out var threads) && int.TryParse(threads, out var n) && n > 0:
                    options.MaxThreads = n;
                    options.Parallel = n > 1;
                    break;
                case "--locked-mode":
                    options.UseLockFile = true;
                    break;
                case "--lock-timeout" when TryNext(args, ref i, out var timeout) && TimeSpan.TryParse(timeout, out var t):
                    options.LockTimeout = t;
                    break;
                case "--continue-on-race":
                    options.ContinueOnRace = true;
                    break;
                case "--verbosity" when TryNext(args, ref i, out var level) && int.TryParse(level, out var v):
                    options.Verbosity = Math.Clamp(v, 0, 4);
                    break;
                default:
                    if (arg.StartsWith('-'))
                    {
                        errors.WriteLine($"warning: unknown or malformed option '{args[i]}'");
                    }
                    else
                    {
                        options.Projects.Add(arg);
                    }
                    break;
            }
        }

        if (options.Projects.Count == 0)
        {
            options.Projects.AddRange(Directory.EnumerateFiles(Environment.CurrentDirectory, "*.csproj"));
        }

        return options;
    }

    private static bool TryNext(IReadOnlyList<string> args, ref int index, out string value)
    {
        if (index + 1 < args.Count)
        {
            value = args[++index];
            return true;
        }

        value = string.Empty;
        return false;
    }
}

public static class BuildCommand
{
    public static int Main(string[] args)
    {
        var options = BuildOptionsParser.Parse(args, Console.Error);
        Console.WriteLine($"Building {options.Projects.Count} project(s); parallel={options.Parallel}, threads={options.MaxThreads}");
        foreach (var project in options.Projects)
        {
            Console.WriteLine($"  {project}");
        }
        return 0;
    }
}
