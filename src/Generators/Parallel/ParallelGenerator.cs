using System.Collections.Immutable;
using Forklift.Generators.Common;
using Forklift.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Generators.Parallel;

/// <summary>
/// Adds <c>&lt;Name&gt;Async</c>, <c>&lt;Name&gt;MapAsync</c> and <c>&lt;Name&gt;UnorderedAsync</c> for every
/// <c>[Parallel]</c> method, the codecs its values need, and one module initializer that registers every method
/// and <c>[WorkerInitializer]</c> of the assembly.
/// </summary>
/// <remarks>Reports no diagnostics: methods an FL3xxx analyzer rejects are skipped.</remarks>
[Generator(LanguageNames.CSharp)]
public sealed class ParallelGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // One model per [Parallel] method. The predicate runs on every edit of every attributed node, so it is a cheap
        // syntax test; the transform runs only for methods whose attribute binds to ours.
        IncrementalValuesProvider<ParallelMethodModel> methods = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                ParallelAttributeNames.ParallelAttribute,
                predicate: static (node, _) => node is MethodDeclarationSyntax,
                transform: static (syntax, token) => ParallelParser.ParseMethod(syntax, token))
            .Where(static m => m is not null)
            .Select(static (m, _) => m!)
            .WithTrackingName(TrackingNames.Methods);

        // One model per [WorkerInitializer] method, likewise.
        IncrementalValuesProvider<WorkerInitializerModel> initializers = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                ParallelAttributeNames.WorkerInitializerAttribute,
                predicate: static (node, _) => node is MethodDeclarationSyntax,
                transform: static (syntax, token) => ParallelParser.ParseInitializer(syntax, token))
            .Where(static m => m is not null)
            .Select(static (m, _) => m!)
            .WithTrackingName(TrackingNames.Initializers);

        // Group by declaring type: one generated file per type. Each type's model is compared by value, so editing one
        // type re-emits only that type's file.
        IncrementalValuesProvider<ParallelTypeModel> types = methods.Collect()
            .Combine(initializers.Collect())
            .SelectMany(static (pair, _) => GroupByType(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Types);

        context.RegisterSourceOutput(types, static (output, type) => ParallelEmitter.EmitType(output, type));

        // The module initializer needs only the type names, so it is re-emitted only when the set of types changes.
        IncrementalValueProvider<EquatableArray<string>> registrations = types
            .Select(static (type, _) => type.FullName)
            .Collect()
            .Select(static (names, _) => names.OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.Registrations);

        context.RegisterSourceOutput(registrations, static (output, names) => ParallelEmitter.EmitModuleInitializer(output, names));
    }

    private static ImmutableArray<ParallelTypeModel> GroupByType(
        ImmutableArray<ParallelMethodModel> methods,
        ImmutableArray<WorkerInitializerModel> initializers)
    {
        IEnumerable<ContainingTypeModel> keys = methods.Select(m => m.Type)
            .Concat(initializers.Select(i => i.Type))
            .Distinct()
            .OrderBy(t => t.HintName, StringComparer.Ordinal);

        var result = ImmutableArray.CreateBuilder<ParallelTypeModel>();
        foreach (ContainingTypeModel key in keys)
        {
            // Order by id so overloads get the same descriptor names in every build.
            var typeMethods = methods.Where(m => m.Type == key).OrderBy(m => m.Id, StringComparer.Ordinal).ToList();
            var named = new List<ParallelMethodModel>(typeMethods.Count);
            var used = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (ParallelMethodModel method in typeMethods)
            {
                used[method.DescriptorName] = used.TryGetValue(method.DescriptorName, out int count) ? count + 1 : 1;
                named.Add(used[method.DescriptorName] == 1 ? method : method with { DescriptorName = method.DescriptorName + used[method.DescriptorName] });
            }

            EquatableArray<CodecModel> codecs = named
                .SelectMany(m => m.Codecs)
                .GroupBy(c => c.Name, StringComparer.Ordinal)
                .Select(g => g.First())
                .OrderBy(c => c.Name, StringComparer.Ordinal)
                .ToEquatableArray();

            result.Add(new ParallelTypeModel(
                key.Namespace,
                key.FullName,
                key.HintName,
                key.Declarations,
                named.ToEquatableArray(),
                initializers.Where(i => i.Type == key).OrderBy(i => i.Id, StringComparer.Ordinal).ToEquatableArray(),
                codecs));
        }

        return result.ToImmutable();
    }
}
