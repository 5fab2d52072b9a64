package main

import "github.com/openimsdk/openim-example/pkg/component"

func main() {
	component.Main("openim-msggateway")
}
