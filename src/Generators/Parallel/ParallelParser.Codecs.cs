using Forklift.Generators.Common;
using Forklift.Shared;
using Microsoft.CodeAnalysis;

namespace Forklift.Generators.Parallel;

internal static partial class ParallelParser
{
    /// <summary>
    /// Gathers the codec classes one method needs, keyed by type name. Types are written without nullable
    /// annotations or tuple names, because one codec serves <c>string</c> and <c>string?</c>, and <c>(int a, int b)</c>
    /// and <c>(int, int)</c>, alike.
    /// </summary>
    private sealed class CodecCollector
    {
        public const string UnitTypeName = "global::Forklift.Dispatch.Unit";

        private readonly ParallelMarshalClassifier _classifier;
        private readonly Dictionary<string, CodecModel> _codecs = new(StringComparer.Ordinal);

        public CodecCollector(ParallelMarshalClassifier classifier) => _classifier = classifier;

        public string UnitCodec()
        {
            const string Name = "UnitCodec";
            if (!_codecs.ContainsKey(Name))
            {
                _codecs[Name] = new CodecModel(Name, UnitTypeName, CodecKind.Unit, false, null, default, default, null, RejectsDerivedTypes: false, IsBlittable: true);
            }

            return Name;
        }

        /// <summary>The codec class of a type the method validated as marshallable.</summary>
        public string CodecFor(ITypeSymbol type)
        {
            ParallelMarshalShape shape = _classifier.Classify(type, out _)
                ?? throw new InvalidOperationException($"'{type}' was validated but cannot be classified.");
            return EnsureCodec(shape);
        }

        public EquatableArray<CodecModel> ToEquatableArray()
            => _codecs.Values.OrderBy(c => c.Name, StringComparer.Ordinal).ToEquatableArray();

        private ValueModel ValueOf(ParallelMarshalShape shape)
        {
            string typeName = CodecTypeName(shape.Type);
            return shape.Kind switch
            {
                ParallelMarshalKind.Scalar => new ValueModel(typeName, shape.Scalar, null, null),
                ParallelMarshalKind.Enum => new ValueModel(
                    typeName,
                    shape.Scalar,
                    ((INamedTypeSymbol)shape.Type).EnumUnderlyingType!.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                    null),
                _ => new ValueModel(typeName, null, null, EnsureCodec(shape)),
            };
        }

        private string EnsureCodec(ParallelMarshalShape shape)
        {
            string name = Fragment(shape.Type) + "Codec";
            if (_codecs.ContainsKey(name))
            {
                return name;
            }

            CodecKind kind = shape.Kind switch
            {
                ParallelMarshalKind.Scalar or ParallelMarshalKind.Enum => CodecKind.Scalar,
                ParallelMarshalKind.Array => CodecKind.Array,
                ParallelMarshalKind.List => CodecKind.List,
                ParallelMarshalKind.ReadOnlyList => CodecKind.ReadOnlyList,
                ParallelMarshalKind.HashSet => CodecKind.HashSet,
                ParallelMarshalKind.Dictionary => CodecKind.Dictionary,
                ParallelMarshalKind.ImmutableArray => CodecKind.ImmutableArray,
                ParallelMarshalKind.Nullable => CodecKind.Nullable,
                ParallelMarshalKind.Tuple => CodecKind.Tuple,
                _ => CodecKind.Object,
            };

            ValueModel? self = kind == CodecKind.Scalar ? ValueOf(shape) : null;
            var elements = shape.Elements.Select(ValueOf).ToEquatableArray();
            var members = new List<MemberModel>(shape.Members.Length);
            var accessors = new List<FieldAccessorModel>();
            var accessorNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (ParallelMarshalMember member in shape.Members)
            {
                string? accessor = null;
                if (member.Field is IFieldSymbol field)
                {
                    // <Version>k__BackingField → VersionField; a base type's field of the same name gets its type's name first.
                    accessor = member.Name + "Field";
                    if (!accessorNames.Add(accessor))
                    {
                        accessor = field.ContainingType.Name + "_" + accessor;
                        accessorNames.Add(accessor);
                    }

                    accessors.Add(new FieldAccessorModel(
                        accessor,
                        field.MetadataName,
                        CodecTypeName(field.ContainingType),
                        field.ContainingType.IsValueType,
                        CodecTypeName(field.Type)));
                }

                members.Add(new MemberModel(Escape(member.Name), ValueOf(member.Shape), member.Access, accessor));
            }

            string? newArray = null;
            ITypeSymbol? element = shape.Kind switch
            {
                ParallelMarshalKind.Array => ((IArrayTypeSymbol)shape.Type).ElementType,
                ParallelMarshalKind.ReadOnlyList => ((INamedTypeSymbol)shape.Type).TypeArguments[0],
                _ => null,
            };
            if (element is not null)
            {
                // new int[n][] for int[][]: the length goes in the first brackets, after the innermost element type.
                ITypeSymbol innermost = element;
                string suffix = string.Empty;
                while (innermost is IArrayTypeSymbol nested)
                {
                    suffix += "[]";
                    innermost = nested.ElementType;
                }

                newArray = "new " + CodecTypeName(innermost) + "[{0}]" + suffix;
            }

            bool rejectsDerivedTypes = kind == CodecKind.Object && shape.Type is INamedTypeSymbol { TypeKind: TypeKind.Class, IsSealed: false };
            _codecs[name] = new CodecModel(
                name,
                CodecTypeName(shape.Type),
                kind,
                shape.Type.IsReferenceType,
                self,
                elements,
                members.ToEquatableArray(),
                newArray,
                rejectsDerivedTypes,
                accessors.ToEquatableArray(),
                shape.ConstructsThroughAccessor,
                IsBlittable(shape.Type));
            return name;
        }
    }

    /// <summary>
    /// Whether a value crosses exactly as its bytes in memory, so a map may copy a chunk of them as one block: an
    /// unmanaged type (no references anywhere inside), none of whose fields, at any depth, is <c>[NonSerialized]</c>
    /// (the codec leaves such a field at its default, and a byte copy would carry it).
    /// </summary>
    internal static bool IsBlittable(ITypeSymbol type)
    {
        if (!type.IsUnmanagedType || !type.IsValueType)
        {
            return false;
        }

        return !HasNonSerializedField(type, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default));
    }

    private static bool HasNonSerializedField(ITypeSymbol type, HashSet<ITypeSymbol> seen)
    {
        // Framework types (int, DateTime, Guid, decimal…) and enums are values through and through.
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Struct } named || named.SpecialType != SpecialType.None || !seen.Add(named))
        {
            return false;
        }

        foreach (ISymbol member in named.GetMembers())
        {
            if (member is not IFieldSymbol { IsStatic: false, IsConst: false } field)
            {
                continue;
            }

            if (field.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.NonSerializedAttribute")
                || HasNonSerializedField(field.Type, seen))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A type's fully qualified name without nullable reference annotations or tuple element names.</summary>
    internal static string CodecTypeName(ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return CodecTypeName(array.ElementType) + "[]";
            case INamedTypeSymbol { IsTupleType: true } tuple:
                return "(" + string.Join(", ", tuple.TupleElements.Select(e => CodecTypeName(e.Type))) + ")";
            case INamedTypeSymbol named when named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T:
                return CodecTypeName(named.TypeArguments[0]) + "?";
            case INamedTypeSymbol named when named.SpecialType != SpecialType.None:
                return named.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            case INamedTypeSymbol named:
                string prefix = named.ContainingType is { } outer
                    ? CodecTypeName(outer) + "."
                    : named.ContainingNamespace is { IsGlobalNamespace: false } ns
                        ? ns.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "."
                        : "global::";
                string arguments = named.TypeArguments.IsEmpty
                    ? string.Empty
                    : "<" + string.Join(", ", named.TypeArguments.Select(CodecTypeName)) + ">";
                return prefix + Escape(named.Name) + arguments;
            default:
                return type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        }
    }

    /// <summary>
    /// A readable identifier for a type, unique per type: <c>Int32</c>, <c>ListOfString</c>, <c>MyApp_Order</c>.
    /// Framework types drop their namespace; user types keep it, so two <c>Order</c> types do not clash.
    /// </summary>
    private static string Fragment(ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return Fragment(array.ElementType) + "Array";
            case INamedTypeSymbol { IsTupleType: true } tuple:
                return "TupleOf" + string.Join("And", tuple.TupleElements.Select(e => Fragment(e.Type)));
            case INamedTypeSymbol named when named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T:
                return "Nullable" + Fragment(named.TypeArguments[0]);
            case INamedTypeSymbol named:
                var parts = new List<string>();
                for (INamedTypeSymbol? current = named; current is not null; current = current.ContainingType)
                {
                    parts.Insert(0, current.Name);
                }

                string ns = named.ContainingNamespace is { IsGlobalNamespace: false } containing ? containing.ToDisplayString() : string.Empty;
                if (ns.Length != 0 && ns != "System" && !ns.StartsWith("System.", StringComparison.Ordinal))
                {
                    parts.InsertRange(0, ns.Split('.'));
                }

                string arguments = named.TypeArguments.IsEmpty
                    ? string.Empty
                    : "Of" + string.Join("And", named.TypeArguments.Select(Fragment));
                return string.Join("_", parts) + arguments;
            default:
                return type.Name;
        }
    }
}
