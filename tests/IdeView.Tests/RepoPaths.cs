using System.Reflection;

namespace Forklift.IdeView.Tests;

internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration this test assembly was built in; the solution build builds everything in it.</summary>
    public static string Configuration { get; } =
        typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    public static string CodeFixesDll =>
        Path.Combine(Root, "src", "CodeFixes", "bin", Configuration, "netstandard2.0", "Forklift.Analyzers.CodeFixes.dll");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Analyzers.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Analyzers.sln above {AppContext.BaseDirectory}.");
    }
}
