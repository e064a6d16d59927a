using System.Collections.Immutable;
using Forklift.Generators.Common;
using Forklift.Shared;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Forklift.Generators.Parallel;

/// <summary>
/// Turns an attributed method into its model. The only part of the generator that reads symbols; everything it
/// returns is plain data (see ParallelModel.cs).
/// </summary>
internal static partial class ParallelParser
{
    private static readonly SymbolDisplayFormat AnnotatedFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    // Ids use C# keywords and full namespaces without "global::": MyApp.Primes.Count(int, int).
    private static readonly SymbolDisplayFormat IdFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.ExpandNullable);

    /// <summary>The model of a <c>[Parallel]</c> method, or <see langword="null"/> when an FL3xxx rule rejects it.</summary>
    public static ParallelMethodModel? ParseMethod(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method)
        {
            return null;
        }

        Compilation compilation = context.SemanticModel.Compilation;
        var classifier = new ParallelMarshalClassifier(compilation, cancellationToken);

        // Invalid methods are reported by the FL3001–FL3004 and FL3006 analyzers; the generator only skips them.
        if (!ParallelMethodRules.IsValid(method, compilation, classifier, isWorkerInitializer: false, cancellationToken))
        {
            return null;
        }

        var codecs = new CodecCollector(classifier);
        var parameters = ImmutableArray.CreateBuilder<ParameterModel>(method.Parameters.Length);
        var marshalled = new List<IParameterSymbol>();
        string? progressType = null;
        string? progressCodec = null;
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ParallelParameterRole role = ParallelMethodRules.RoleOf(parameter);
            parameters.Add(new ParameterModel(Escape(parameter.Name), parameter.Type.ToDisplayString(AnnotatedFormat), role, DefaultValueOf(parameter)));
            if (role == ParallelParameterRole.Marshalled)
            {
                marshalled.Add(parameter);
            }
            else if (role == ParallelParameterRole.Progress)
            {
                ITypeSymbol reported = ((INamedTypeSymbol)parameter.Type).TypeArguments[0];
                progressType = reported.ToDisplayString(AnnotatedFormat);
                progressCodec = codecs.CodecFor(reported);
            }
        }

        string argumentsType;
        string argumentsCodec;
        switch (marshalled.Count)
        {
            case 0:
                argumentsType = CodecCollector.UnitTypeName;
                argumentsCodec = codecs.UnitCodec();
                break;
            case 1:
                argumentsType = marshalled[0].Type.ToDisplayString(AnnotatedFormat);
                argumentsCodec = codecs.CodecFor(marshalled[0].Type);
                break;
            default:
                argumentsType = "(" + string.Join(", ", marshalled.Select(p => p.Type.ToDisplayString(AnnotatedFormat) + " " + Escape(p.Name))) + ")";
                INamedTypeSymbol tuple = compilation.CreateTupleTypeSymbol(marshalled.Select(p => p.Type).ToImmutableArray());
                argumentsCodec = codecs.CodecFor(tuple);
                break;
        }

        ParallelReturnKind returnKind = ParallelMethodRules.ReturnKindOf(method, out ITypeSymbol? result);
        string resultType;
        string resultCodec;
        if (returnKind is ParallelReturnKind.Void or ParallelReturnKind.Task or ParallelReturnKind.ValueTask || result is null)
        {
            resultType = CodecCollector.UnitTypeName;
            resultCodec = codecs.UnitCodec();
        }
        else
        {
            resultType = result.ToDisplayString(AnnotatedFormat);
            resultCodec = codecs.CodecFor(result);
        }

        bool acceptsCancellation = method.Parameters.Any(p => ParallelMethodRules.RoleOf(p) == ParallelParameterRole.CancellationToken);
        ContainingTypeModel type = ParseContainingType(method.ContainingType);
        return new ParallelMethodModel(
            type,
            Escape(method.Name),
            DescriptorName: method.Name + "Method",
            AccessibilityOf(method),
            Id: IdOf(method),
            DisplayName: DisplayNameOf(method),
            parameters.MoveToImmutable().ToEquatableArray(),
            returnKind,
            argumentsType,
            argumentsCodec,
            resultType,
            resultCodec,
            progressType,
            progressCodec,
            ParseOptions(context.Attributes, acceptsCancellation),
            codecs.ToEquatableArray());
    }

    /// <summary>The model of a <c>[WorkerInitializer]</c> method, or <see langword="null"/> when an FL3xxx rule rejects it.</summary>
    public static WorkerInitializerModel? ParseInitializer(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol method)
        {
            return null;
        }

        Compilation compilation = context.SemanticModel.Compilation;
        var classifier = new ParallelMarshalClassifier(compilation, cancellationToken);

        // Reported by FL3001, FL3002, FL3004 and FL3006.
        if (!ParallelMethodRules.IsValid(method, compilation, classifier, isWorkerInitializer: true, cancellationToken))
        {
            return null;
        }

        return new WorkerInitializerModel(
            ParseContainingType(method.ContainingType),
            Escape(method.Name),
            IdOf(method),
            ParallelMethodRules.ReturnKindOf(method, out _),
            TakesCancellationToken: method.Parameters.Length == 1);
    }

    private static ParallelOptionsModel ParseOptions(ImmutableArray<AttributeData> attributes, bool acceptsCancellation)
    {
        int timeout = 0;
        int chunkSize = 0;
        int maxRetries = 0;
        foreach (KeyValuePair<string, TypedConstant> argument in attributes.IsEmpty ? default : attributes[0].NamedArguments)
        {
            if (argument.Value.Value is not int value)
            {
                continue;
            }

            switch (argument.Key)
            {
                case ParallelAttributeNames.TimeoutMilliseconds:
                    timeout = value;
                    break;
                case ParallelAttributeNames.ChunkSize:
                    chunkSize = value;
                    break;
                case ParallelAttributeNames.MaxRetries:
                    maxRetries = value;
                    break;
            }
        }

        return new ParallelOptionsModel(timeout, chunkSize, maxRetries, acceptsCancellation);
    }

    private static ContainingTypeModel ParseContainingType(INamedTypeSymbol type)
    {
        var chain = new List<INamedTypeSymbol>();
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            chain.Insert(0, current);
        }

        string? ns = type.ContainingNamespace is { IsGlobalNamespace: false } containing ? containing.ToDisplayString() : null;
        var declarations = chain.Select(t => new TypeDeclarationModel(KeywordsOf(t), Escape(t.Name))).ToEquatableArray();
        string typePath = string.Join(".", chain.Select(t => t.Name));
        string hintName = (ns is null ? string.Empty : ns + ".") + typePath + ParallelAttributeNames.HintNameSuffix;
        return new ContainingTypeModel(ns, type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), hintName, declarations);
    }

    private static string KeywordsOf(INamedTypeSymbol type)
    {
        string kind = (type.IsRecord, type.TypeKind) switch
        {
            (true, TypeKind.Struct) => "record struct",
            (true, _) => "record",
            (false, TypeKind.Struct) => "struct",
            _ => "class",
        };
        return (type.IsStatic ? "static " : string.Empty) + "partial " + kind;
    }

    private static string AccessibilityOf(IMethodSymbol method) => method.DeclaredAccessibility switch
    {
        Accessibility.Public => "public",
        Accessibility.Internal => "internal",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };

    private static string IdOf(IMethodSymbol method)
        => method.ContainingType.ToDisplayString(IdFormat) + "." + method.Name
            + "(" + string.Join(", ", method.Parameters.Select(p => p.Type.ToDisplayString(IdFormat))) + ")";

    private static string DisplayNameOf(IMethodSymbol method)
    {
        var names = new List<string> { method.Name };
        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            names.Insert(0, type.Name);
        }

        return string.Join(".", names);
    }

    /// <summary>A parameter's default value as C# source, or <see langword="null"/> when it has none.</summary>
    private static string? DefaultValueOf(IParameterSymbol parameter)
    {
        if (!parameter.HasExplicitDefaultValue)
        {
            return null;
        }

        object? value = parameter.ExplicitDefaultValue;
        ITypeSymbol type = parameter.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            ? nullable.TypeArguments[0]
            : parameter.Type;
        if (value is null)
        {
            return parameter.Type.IsReferenceType || !ReferenceEquals(type, parameter.Type) ? "null" : "default";
        }

        string literal = value switch
        {
            float f when float.IsNaN(f) => "float.NaN",
            float f when float.IsPositiveInfinity(f) => "float.PositiveInfinity",
            float f when float.IsNegativeInfinity(f) => "float.NegativeInfinity",
            double d when double.IsNaN(d) => "double.NaN",
            double d when double.IsPositiveInfinity(d) => "double.PositiveInfinity",
            double d when double.IsNegativeInfinity(d) => "double.NegativeInfinity",
            float f => f.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "F",
            double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "D",
            decimal m => m.ToString(System.Globalization.CultureInfo.InvariantCulture) + "M",
            _ => SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false),
        };

        // An enum's default is its underlying number: cast it back (in parentheses, for negative values).
        return type.TypeKind == TypeKind.Enum
            ? $"({type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)})({literal})"
            : literal;
    }

    internal static string Escape(string name)
        => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
