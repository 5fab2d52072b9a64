module github.com/openimsdk/openim-example

go 1.19
