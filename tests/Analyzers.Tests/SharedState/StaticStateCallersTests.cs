using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// A class that declares nothing about concurrency and keeps a plain collection in a static field, whose static methods
/// a type that runs concurrently by its declaration calls: the static state is shared by that type's concurrent
/// callers (#9, set bf R14 and set bg R15: a static cache of reflection-built setters in a generic class, filled on
/// first use by a singleton importer's concurrent uploads).
/// </summary>
public class StaticStateCallersTests
{
    private const string Cache = """
        using System;
        using System.Collections.Generic;

        public static class SetterCache<T>
        {
            private static readonly Dictionary<string, Func<T, string>> Setters = new();

            public static Func<T, string> For(string header)
            {
                if (Setters.TryGetValue(header, out var setter))
                {
                    return setter;
                }

                setter = row => header + row;
                {|#0:Setters[header] = setter|};
                return setter;
            }
        }
        """;

    private static string Importer(string documentation) => $$"""
        using System.Collections.Generic;
        using System.Linq;

        /// <summary>{{documentation}}</summary>
        public sealed class Importer
        {
            public int Parse<T>(IEnumerable<string> headers) => headers.Select(h => SetterCache<T>.For(h)).Count();
        }
        """;

    private static Task VerifyAsync(string cache, string importer, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Test();
        test.TestState.Sources.Add(("/0/Cache.cs", cache));
        test.TestState.Sources.Add(("/0/Importer.cs", importer));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task Static_cache_of_another_file_filled_from_a_singletons_member_is_flagged()
        => VerifyAsync(
            Cache,
            Importer("Parses the lab's CSV exports. Registered as a singleton; every upload goes through it."),
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(0).WithLocation("/0/Cache.cs", 4, 21).WithArguments(
                "Setters", "Dictionary<string, Func<T, string>>", "For",
                "'For' may run on several threads at once: 'SetterCache.For' is called by 'Importer.Parse', and 'Importer' is documented as shared (\"registered as a singleton\")"));

    [Fact]
    public Task Static_cache_called_from_a_type_that_declares_nothing_is_silent()
        => VerifyAsync(SharedStateSilence.Unmarked(Cache), Importer("Parses the lab's CSV exports."));

    [Fact]
    public Task Static_cache_that_locks_its_collection_is_silent()
        => VerifyAsync(
            SharedStateSilence.Unmarked(Cache).Replace("if (Setters.TryGetValue", "lock (Setters)\n        {\n        if (Setters.TryGetValue").Replace("return setter;\n    }\n}", "return setter;\n        }\n    }\n}"),
            Importer("Parses the lab's CSV exports. Registered as a singleton; every upload goes through it."));

    [Fact]
    public Task Static_cache_filled_only_by_its_static_constructor_is_silent()
        => VerifyAsync(
            """
            using System;
            using System.Collections.Generic;

            public static class SetterCache<T>
            {
                private static readonly Dictionary<string, Func<T, string>> Setters = new();

                static SetterCache() => Setters["name"] = row => "name" + row;

                public static Func<T, string> For(string header) => Setters.TryGetValue(header, out var setter) ? setter : _ => string.Empty;
            }
            """,
            Importer("Parses the lab's CSV exports. Registered as a singleton; every upload goes through it."));
}
