namespace BuildTool.Options;

/// <summary>
/// Options for the <c>build</c> command, parsed from the command line by
/// <c>Program.Main</c>.
/// </summary>
public sealed class BuildOptions
{
    public int MaxParallelism { get; private set; } = Environment.ProcessorCount;
    public TimeSpan LockTimeout { get; private set; } = TimeSpan.FromSeconds(30);
    public bool UseLockFile { get; private set; }
    public bool ThreadSanitizer { get; private set; }
    public string Configuration { get; private set; } = "Debug";
    public List<string> Projects { get; } = new();

    private int _warningsAsErrorsCount;

    public static BuildOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BuildOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--parallel":
                case "-m":
                    options.MaxParallelism = int.Parse(RequireValue(args, ref i));
                    break;
                case "--lock-timeout":
                    options.LockTimeout = TimeSpan.FromSeconds(double.Parse(RequireValue(args, ref i)));
                    break;
                case "--locked-mode":
                    options.UseLockFile = true;
                    break;
                case "--tsan":
                    options.ThreadSanitizer = true;
                    break;
                case "-c":
                case "--configuration":
                    options.Configuration = RequireValue(args, ref i);
                    break;
                case "-warnaserror":
                    options._warningsAsErrorsCount++;
                    break;
                default:
                    if (arg.StartsWith('-'))
                    {
                        throw new ArgumentException($"Unknown option '{arg}'.");
                    }

                    options.Projects.Add(arg);
                    break;
            }
        }

        if (options.MaxParallelism < 1)
        {
            options.MaxParallelism = 1;
        }

        return options;
    }

    public bool TreatWarningsAsErrors => _warningsAsErrorsCount > 0;

    public override string ToString() =>
        $"{Configuration}, -m:{MaxParallelism}, lock timeout {LockTimeout.TotalSeconds}s, {Projects.Count} project(s)";

    private static string RequireValue(IReadOnlyList<string> args, ref int index)
    {
        if (index + 1 >= args.Count)
        {
            throw new ArgumentException($"Option '{args[index]}' needs a value.");
        }

        index++;
        return args[index];
    }
}
