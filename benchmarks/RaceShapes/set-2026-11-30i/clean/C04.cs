using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;

namespace DocGen.Cli;

public sealed record SourceFile(string Path, string TypeName);

public sealed record TypeDoc(string TypeName, IReadOnlyList<string> Members);

/// <summary>
/// "docgen dump" command: loads the target assembly and writes one JSON file
/// per requested type, spreading the work over all cores.
/// </summary>
public static class DumpCommand
{
    public static int Execute(Assembly assembly, IReadOnlyList<SourceFile> files, string outputDirectory)
    {
        Directory.CreateDirectory(outputDirectory);

        int count = files
            .AsParallel()
            .Select(file =>
            {
                var type = assembly.GetType(file.TypeName, throwOnError: false);
                if (type is null)
                {
                    return 0;
                }

                var doc = new TypeDoc(type.FullName!, MemberCache.GetMemberNames(type));
                var target = Path.Combine(outputDirectory, Path.GetFileNameWithoutExtension(file.Path) + ".json");
                File.WriteAllText(target, JsonSerializer.Serialize(doc));
                return 1;
            })
            .Sum();

        Console.WriteLine($"Wrote {count} of {files.Count} documents.");
        return count == files.Count ? 0 : 1;
    }
}

internal static class MemberCache
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<string>> s_members = new();

    public static IReadOnlyList<string> GetMemberNames(Type type)
    {
        return s_members.GetOrAdd(type, static t => Build(t));
    }

    private static IReadOnlyList<string> Build(Type type)
    {
        return type
            .GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => m.MemberType is MemberTypes.Method or MemberTypes.Property or MemberTypes.Field or MemberTypes.Event)
            .Where(m => m is not MethodInfo { IsSpecialName: true })
            .Select(m => $"{m.MemberType}:{m.Name}")
            .Distinct()
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();
    }
}
