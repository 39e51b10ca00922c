{
  "extends": "@egov/tsconfig/base.json",
  "include": ["src"]
}
